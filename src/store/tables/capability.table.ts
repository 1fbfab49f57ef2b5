export interface CapabilityTable {
  name: string;
  display_name: string;
  description: string;
}
