// Form fields the account and unit forms share, each with its rule in one place: a new password checked by the
// server's own rule under the security administrator's policy (core/access/security-policy.ts), an account's name
// and unit, a unit's name, kind and parent.
import { Form, Input, Select } from 'antd';
import { DEFAULT_POLICY, passwordRule, passwordWeakness } from '../../../../src/core/access/security-policy.ts';
import { UNIT_KIND_LABEL } from '../../../../src/core/vocabulary.ts';
import { useSession } from '../../app/session.tsx';

type Options = { value: string; label: string }[];

/** A new password, refused before it is sent when the rule would refuse it (`username`: it may not contain it). */
export function NewPasswordItem({ name, label, username }: { name: string; label: string; username?: string | undefined }) {
  const { session } = useSession();
  const policy = { ...DEFAULT_POLICY, ...session?.passwordPolicy };
  return (
    <Form.Item
      name={name}
      label={label}
      extra={passwordRule(policy)}
      rules={[
        { required: true, message: `请填写${label}` },
        {
          validator: async (_, value: string | undefined) => {
            const weak = value ? passwordWeakness(value, username, policy) : null;
            if (weak) throw new Error(weak);
          },
        },
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/**
 * An account's name and unit; its role is the security administrator's to grant. `administrator`: one of the three
 * administrators' accounts, which belong to no unit.
 */
export function AccountFields({ unitOptions, administrator = false }: { unitOptions: Options; administrator?: boolean }) {
  return (
    <>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
        <Input />
      </Form.Item>
      <Form.Item
        name="unit"
        label="所属单位"
        extra={administrator ? undefined : '角色由安全管理员授予'}
        rules={[{ required: !administrator, message: '业务账号须属于一个单位' }]}
      >
        <Select allowClear showSearch options={unitOptions} data-testid="account-unit" />
      </Form.Item>
    </>
  );
}

/** A unit's name, kind and parent. */
export function UnitFields({ parentLabel, parentOptions }: { parentLabel: string; parentOptions: Options }) {
  return (
    <>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label="类型">
        <Select options={Object.entries(UNIT_KIND_LABEL).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="parent" label={parentLabel}>
        <Select allowClear showSearch options={parentOptions} />
      </Form.Item>
    </>
  );
}
