export interface Capability {
  name: string;
  displayName: string;
  description: string;
}
