/**
 * Real data vendored in the repository's `data/` (with licence and provenance there), read from disk.
 * @module
 */
export { digits, DIGITS_SHA256, type Digits } from "./digits";
