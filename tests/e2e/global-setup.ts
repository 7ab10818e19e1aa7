// The e2e run builds the extension once, with the harness that the benchmarks share.
export { default } from '../support/build-extension';
