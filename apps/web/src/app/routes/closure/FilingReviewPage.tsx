export { FilingReviewPage as default } from './ClosurePages';
