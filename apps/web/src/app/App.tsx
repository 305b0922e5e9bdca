// Deep imports: the entry chunk must not reach the whole antd barrel (see vite.config.ts).
import AntApp from 'antd/es/app';
import ConfigProvider from 'antd/es/config-provider';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { queryClient } from '../lib/query-client';
import { DevSmsButton } from '../features/dev-sms/components/DevSmsButton';
import { router } from './router';
import { theme } from './theme';

dayjs.locale('zh-cn');

// No space inside two-character buttons (登录, 通过): the text must read exactly as written.
export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp style={{ height: '100%' }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
          <DevSmsButton />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
