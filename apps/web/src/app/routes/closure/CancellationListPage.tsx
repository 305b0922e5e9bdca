export { CancellationListPage as default } from './ClosurePages';
