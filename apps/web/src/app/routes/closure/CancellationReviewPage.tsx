export { CancellationReviewPage as default } from './ClosurePages';
