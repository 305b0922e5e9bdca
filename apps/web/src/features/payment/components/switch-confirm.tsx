import { App } from 'antd';
import { ApiError } from '../../../lib/api';

/**
 * Sends a payment's submission; when the server answers PAYMENT_SWITCH_CONFIRM (another way is being
 * tried) it asks "切换缴纳方式将关闭当前的…办理，确定切换吗？" and, if confirmed, sends it again with
 * confirmSwitch. null: the user kept the current way.
 */
export function useSwitchConfirm() {
  const { modal } = App.useApp();
  return async function send<T>(call: (confirmSwitch: boolean) => Promise<T>, confirmed = false): Promise<T | null> {
    try {
      return await call(confirmed);
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'PAYMENT_SWITCH_CONFIRM') throw e;
      const ok = await new Promise<boolean>((resolve) =>
        modal.confirm({ title: '切换缴纳方式', content: e.message, okText: '确定切换', cancelText: '取消', onOk: () => resolve(true), onCancel: () => resolve(false) }),
      );
      return ok ? call(true) : null;
    }
  };
}
