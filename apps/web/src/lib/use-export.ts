import { useState } from 'react';
import { App } from 'antd';
import { errorMessage } from './api';

/** An 导出 Excel button's state: `exporting` while the download runs; a failure is told in Chinese. */
export function useExport(run: () => Promise<unknown>): { exporting: boolean; runExport: () => Promise<void> } {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  async function runExport() {
    setExporting(true);
    try {
      await run();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }
  return { exporting, runExport };
}
