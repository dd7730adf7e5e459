/**
 * Kernels of infinitely wide networks and kernel regression.
 * @module
 */
export { kernelRegression, reluNtk, type KernelRegression, type NtkLayers } from "./ntk";
