export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export type FilterNode =
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { type: 'not'; expression: FilterNode }
  | { type: 'present'; attribute: string; position: number }
  | {
      type: 'compare';
      attribute: string;
      operator: CompareOperator;
      value: FilterValue;
      position: number;
      valuePosition: number;
    };
