// Work in progress: the integration is being written.
export {}
