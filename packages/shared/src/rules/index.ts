export * from './credit-code';
export * from './phone';
export * from './password-rules';
export * from './id-number';
