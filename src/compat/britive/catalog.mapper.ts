import type { Static } from 'typebox';
import type { CatalogPermission, CatalogVariable } from '../../core/model/catalog-permission.js';
import type { Label } from '../../core/model/label.js';
import type { ResourceType } from '../../core/model/resource-type.js';
import { toIso } from '../../core/model/time.js';
import type {
  LabelDto,
  PermissionBody,
  PermissionDto,
  PermissionVersionDto,
  ResourceTypeDto,
} from './catalog.schemas.js';

const described = (description: string | null) => (description === null ? {} : { description });

export const toResourceTypeDto = (type: ResourceType): Static<typeof ResourceTypeDto> => ({
  resourceTypeId: type.id,
  name: type.name,
  ...described(type.description),
  createdOn: toIso(type.createdAt),
  modifiedOn: toIso(type.updatedAt),
});

/** Britive declares a variable as `name` or `name:password`; its SDK may send objects too. */
export function catalogVariables(
  variables: NonNullable<Static<typeof PermissionBody>['variables']>,
): CatalogVariable[] {
  return variables.map((v) => {
    if (typeof v !== 'string') return { name: v.name, type: v.type ?? 'String' };
    const [name = '', kind] = v.split(':');
    return { name, type: kind?.toLowerCase() === 'password' ? 'password' : 'String' };
  });
}

export function toPermissionDto(
  permission: CatalogPermission,
  resourceTypeName?: string,
): Static<typeof PermissionDto> {
  const newest = permission.versions.at(-1);
  return {
    permissionId: permission.id,
    name: permission.name,
    ...described(permission.description),
    resourceTypeId: permission.resourceTypeId,
    ...(resourceTypeName !== undefined && { resourceTypeName }),
    isDraft: permission.isDraft,
    version: String(newest?.version ?? 1),
    versionCount: permission.versions.length,
    variables: newest?.variables ?? [],
    createdOn: toIso(permission.createdAt),
  };
}

export const toPermissionVersionDto = (
  permission: CatalogPermission,
  version: CatalogPermission['versions'][number],
): Static<typeof PermissionVersionDto> => ({
  permissionId: permission.id,
  version: String(version.version),
  variables: version.variables,
  createdOn: toIso(version.createdAt),
});

export const toLabelDto = (label: Label): Static<typeof LabelDto> => ({
  keyId: label.id,
  keyName: label.keyName,
  ...described(label.description),
  values: label.values.map((v) => ({ valueId: v.id, name: v.name, ...described(v.description) })),
});
