export { FilingListPage as default } from './ClosurePages';
