export { BankReturnsPage as default } from './ClosurePages';
