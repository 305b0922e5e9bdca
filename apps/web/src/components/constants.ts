/** Names shown in the UI. */
export const PLATFORM_FULL_NAME = '本溪建设工程农民工工资支付保证金管理服务平台';
