/**
 * Loaders for the real data vendored in data/, each with its provenance there.
 * @module
 */
export { FASHION_MNIST_CLASSES, FASHION_MNIST_PIXELS, fashionMnist, type LabeledImages } from "./fashionMnist";
export { digits, DIGITS_SHA256, type Digits } from "./digits";
