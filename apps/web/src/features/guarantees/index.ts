/** 保单保函上传 and 保函管理: what other features and pages use (the deposit card opens OfflineGuaranteeForm). */
export { OfflineGuaranteeForm, OfflineUploadButton } from './components/OfflineGuaranteeForm';
export { ProjectOfflineGuaranteeCard } from './components/ProjectOfflineGuaranteeCard';
