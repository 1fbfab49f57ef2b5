import type { Schema } from '@profiled/sdk';

export type Grant = Schema<'Profile'>['capabilities'][number];
type AccessLevel = Grant['accessLevel'];
type ViewLevel = Grant['viewLevel'];

const accessLevels: { level: AccessLevel; label: string }[] = [
  { level: 'NoAccess', label: 'No access' },
  { level: 'Read', label: 'Read' },
  { level: 'Write', label: 'Write' },
];
const viewLevels: ViewLevel[] = ['Simple', 'Detailed'];

/**
 * A profile's capabilities as a grid: one row per capability of the catalog (and any the profile
 * names that the catalog does not), one column per access level and per view level. A capability
 * the profile does not list is "not granted". With `onChange` the cells are radio buttons.
 */
export function CapabilityGrid({
  catalog,
  grants,
  onChange,
}: {
  catalog: Schema<'Capability'>[];
  grants: Grant[];
  onChange?: (grants: Grant[]) => void;
}) {
  const names = [
    ...catalog.map((capability) => ({ name: capability.name, label: capability.displayName })),
    ...grants
      .filter((grant) => !catalog.some((capability) => capability.name === grant.capability))
      .map((grant) => ({ name: grant.capability, label: grant.capability })),
  ];
  const grantOf = (name: string) => grants.find((grant) => grant.capability === name);
  const change = (name: string, grant: Grant | undefined) =>
    onChange?.(
      names.flatMap(({ name: other }) => {
        const chosen = other === name ? grant : grantOf(other);
        return chosen ? [chosen] : [];
      }),
    );
  return (
    <table className="capability-grid">
      <caption>Capabilities: access and view levels</caption>
      <thead>
        <tr>
          <td />
          <th scope="colgroup" colSpan={1 + accessLevels.length}>
            Access level
          </th>
          <th scope="colgroup" colSpan={viewLevels.length}>
            View level
          </th>
        </tr>
        <tr>
          <th scope="col">Capability</th>
          <th scope="col">Not granted</th>
          {accessLevels.map(({ level, label }) => (
            <th scope="col" key={level}>
              {label}
            </th>
          ))}
          {viewLevels.map((level) => (
            <th scope="col" key={level}>
              {level}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map(({ name, label }) => {
          const grant = grantOf(name);
          return (
            <tr key={name}>
              <th scope="row">{label}</th>
              <Cell
                on={grant === undefined}
                group={`access-${name}`}
                label={`${label}: not granted`}
                onPick={onChange && (() => change(name, undefined))}
              />
              {accessLevels.map(({ level, label: levelLabel }) => (
                <Cell
                  key={level}
                  on={grant?.accessLevel === level}
                  group={`access-${name}`}
                  label={`${label}: ${levelLabel}`}
                  onPick={
                    onChange &&
                    (() =>
                      change(name, {
                        capability: name,
                        accessLevel: level,
                        viewLevel: grant?.viewLevel ?? 'Simple',
                      }))
                  }
                />
              ))}
              {viewLevels.map((level) => (
                <Cell
                  key={level}
                  on={grant?.viewLevel === level}
                  group={`view-${name}`}
                  label={`${label}: view ${level}`}
                  disabled={grant === undefined}
                  onPick={onChange && grant && (() => change(name, { ...grant, viewLevel: level }))}
                />
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Cell({
  on,
  group,
  label,
  disabled,
  onPick,
}: {
  on: boolean;
  group: string;
  label: string;
  disabled?: boolean;
  onPick: (() => void) | undefined;
}) {
  if (onPick === undefined && !disabled) {
    return (
      <td className={on ? 'granted' : undefined}>
        {on && (
          <>
            <span aria-hidden="true">●</span>
            <span className="visually-hidden">yes</span>
          </>
        )}
      </td>
    );
  }
  if (onPick === undefined) return <td />;
  return (
    <td>
      <input
        type="radio"
        name={group}
        aria-label={label}
        checked={on}
        disabled={disabled}
        onChange={onPick}
      />
    </td>
  );
}
