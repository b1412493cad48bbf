// Choosing the unit that owns a source: the administrator's choice on import, and later on 整改来源归属. Empty means
// no unit — the source is then seen by administrators alone.
import { Select } from 'antd';

export function OwnerSelect(props: {
  options: { value: number; label: string }[];
  value: number | null;
  onChange: (unitId: number | null) => void;
  placeholder: string;
  testId: string;
}) {
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={props.placeholder}
      style={{ width: 280 }}
      options={props.options}
      value={props.value ?? undefined}
      onChange={(v: number | undefined) => props.onChange(v ?? null)}
      data-testid={props.testId}
    />
  );
}
