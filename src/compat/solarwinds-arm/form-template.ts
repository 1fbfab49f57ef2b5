import type { Static } from 'typebox';
import type { ComplianceSettings } from '../../core/model/compliance.js';
import type { DirectoryAttribute } from '../../core/model/user.js';
import type { AttributeTemplate, ConfigurationBody, ConfigurationTemplate } from './form.schemas.js';

const shown = { isRequired: false, isEnabled: true, isHidden: false };

/**
 * The attribute form: one text field per attribute name, filled with `values` (an account's);
 * a multi-valued attribute shows its values one per line.
 */
export function attributeTemplate(
  names: readonly string[],
  values: readonly DirectoryAttribute[] = [],
): Static<typeof AttributeTemplate> {
  return {
    AvailableAttributes: names.map((name) => ({
      Key: name,
      Value: {
        Type: 'text' as const,
        value: values
          .filter((v) => v.name.toLowerCase() === name.toLowerCase())
          .map((v) => v.value)
          .join('\n'),
        defaultValue: '',
        label: name,
        description: `The LDAP attribute ${name}`,
        ...shown,
      },
    })),
  };
}

export function configurationTemplate(settings: ComplianceSettings): Static<typeof ConfigurationTemplate> {
  return {
    are_unassigned_accounts_non_compliant: {
      Type: 'checkbox',
      value: settings.unassignedAccountsNonCompliant,
      defaultValue: false,
      label: 'Unassigned accounts are non-compliant',
      description: 'Count accounts that hold no profile as non-compliant',
      ...shown,
    },
  };
}

export function settingsOf(body: Static<typeof ConfigurationBody>): ComplianceSettings {
  const given = body.are_unassigned_accounts_non_compliant;
  return { unassignedAccountsNonCompliant: typeof given === 'boolean' ? given : given.value };
}
