// Choosing the unit that owns a source: an office's choice on import (its own unit or one below), and the system
// administrator's on 整改来源归属. Empty means the importer's own unit on import, and no unit on 整改来源归属.
import { Select } from 'antd';

export function OwnerSelect(props: {
  options: { value: number; label: string }[];
  value: number | null;
  onChange: (unitId: number | null) => void;
  placeholder: string;
  testId: string;
  width?: number;
}) {
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={props.placeholder}
      style={{ width: props.width ?? 280 }}
      options={props.options}
      value={props.value ?? undefined}
      onChange={(v: number | undefined) => props.onChange(v ?? null)}
      data-testid={props.testId}
    />
  );
}
