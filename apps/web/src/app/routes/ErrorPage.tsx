// Deep imports: the entry chunk must not reach the whole antd barrel (see vite.config.ts).
import Button from 'antd/es/button';
import CloseCircleFilled from '@ant-design/icons/CloseCircleFilled';
import { useRouteError } from 'react-router';

function isChunkLoadError(e: unknown): boolean {
  return (
    e instanceof Error &&
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(e.message)
  );
}

/**
 * The error boundary of every route: 页面出错了, 返回首页. Kept free of heavy components
 * (it is part of the first download and must work when later chunks fail to load).
 */
export function ErrorPage() {
  const error = useRouteError();
  if (error) console.error(error);
  const chunk = isChunkLoadError(error);
  return (
    <div role="alert" style={{ padding: '72px 24px', textAlign: 'center' }}>
      <CloseCircleFilled style={{ fontSize: 72, color: '#ff4d4f' }} />
      <h3 style={{ marginTop: 24, fontSize: 24, fontWeight: 500, color: 'rgba(0,0,0,0.88)' }}>页面出错了</h3>
      <p style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 24 }}>
        {chunk
          ? '平台可能已经更新，请刷新页面后重试。'
          : '页面加载或显示时发生错误，请返回首页或刷新后重试。如果问题持续出现，请联系平台运营。'}
      </p>
      <div style={{ display: 'inline-flex', gap: 8 }}>
        <Button type="primary" href="/">
          返回首页
        </Button>
        <Button onClick={() => window.location.reload()}>刷新页面</Button>
      </div>
    </div>
  );
}
