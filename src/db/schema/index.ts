export * from './campaigns';
export * from './merchants';
export * from './rewards';
export * from './submissions';
