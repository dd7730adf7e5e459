/** Types of tools/kernel-folder.cjs (see there). */
export declare function kernelFolderPrefix(): string;
export declare function isKernelFolder(folder: string, temp?: string): boolean;
export declare function removeKernelFolder(folder: string, temp?: string): void;
