export declare function electronBinary(root: string): string | undefined;
