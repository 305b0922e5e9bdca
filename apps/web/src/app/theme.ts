import type { ThemeConfig } from 'antd/es/config-provider';

/** Government-platform blue, compact radii. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1557b0',
    colorInfo: '#1557b0',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};
