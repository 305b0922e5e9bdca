export { AuditCheckPage as default } from './ClosurePages';
