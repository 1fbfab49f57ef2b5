/** The fields of a tenant that place it in the tree. */
export interface TreeTenant {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
}

export interface TenantNode<T extends TreeTenant> {
  tenant: T;
  children: TenantNode<T>[];
}

/**
 * The tenants as a forest, parents above their children, siblings by name. A tenant whose parent
 * is not among them (above the credential's own tenant) starts a tree of its own.
 */
export function tenantTree<T extends TreeTenant>(tenants: readonly T[]): TenantNode<T>[] {
  const ids = new Set(tenants.map((tenant) => tenant.id));
  const children = new Map<string | null, T[]>();
  for (const tenant of tenants) {
    const parent = tenant.parentId !== null && ids.has(tenant.parentId) ? tenant.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), tenant]);
  }
  const grow = (parent: string | null): TenantNode<T>[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((tenant) => ({ tenant, children: grow(tenant.id) }));
  return grow(null);
}
