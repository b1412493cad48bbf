// Choosing the unit that owns a source: an office's choice on import (its own unit or one below), and the system
// administrator's on 整改来源归属. Empty means the importer's own unit on import, and no unit on 整改来源归属.
// OwnerChoice is the labelled choice on an upload (a report, a 自评表, a 绩效目标表).
import { Select, Space, Typography } from 'antd';

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

/**
 * An office's choice, on an upload, of the unit it files for: its own (the placeholder) or one below it, labelled
 * 归属单位. Shown only where there is a unit below to choose.
 */
export function OwnerChoice(props: {
  own: { name: string } | undefined;
  below: readonly { id: number; name: string }[];
  value: number | null;
  onChange: (unitId: number | null) => void;
  testId: string;
  width?: number;
}) {
  if (props.below.length <= 1) return null;
  return (
    <Space wrap={false}>
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>归属单位：</Typography.Text>
      <OwnerSelect
        options={props.below.map((u) => ({ value: u.id, label: u.name }))}
        value={props.value}
        onChange={props.onChange}
        placeholder={`本单位（${props.own?.name}）`}
        testId={props.testId}
        width={props.width}
      />
    </Space>
  );
}
