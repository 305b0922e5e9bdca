import Spin from 'antd/es/spin';

export function PageLoading({ tip = '正在加载…', full = false }: { tip?: string; full?: boolean }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        minHeight: full ? '100vh' : 320,
        flexDirection: 'column',
        gap: 12,
        color: '#8c8c8c',
      }}
    >
      <Spin size="large" />
      <span>{tip}</span>
    </div>
  );
}
