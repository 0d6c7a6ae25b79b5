export * from './accounts';
export * from './campaigns';
export * from './merchants';
export * from './rewards';
export * from './sandbox';
export * from './submissions';
