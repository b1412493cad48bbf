// A button that opens a form for one change to a problem and posts it: what was typed survives a stray click, Enter
// pressed twice sends once, and a refusal is shown in the server's own words.
import { App, Button, Form, Modal } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../lib/api.ts';

type Field = { name: string; label: string; input: ReactNode; required?: boolean };
/**
 * What a form's fields hold, as Ant Design gives them: each field's own input decides its type. The body built from
 * them is checked against what the route accepts (its fields by name), and the server checks the values.
 */
// biome-ignore lint/suspicious/noExplicitAny: a form's values are typed by its inputs, not by the form
export type Filled = Record<string, any>;

/** A button that opens a form and posts it; the page reloads after. */
export function ActionButton(props: {
  label: string;
  title: string;
  fields: Field[];
  submit: (v: Filled) => Promise<unknown>;
  done: () => void;
  danger?: boolean;
  testId?: string;
  /** shown above the form: what the person decides on (the evidence of a closure request) */
  intro?: ReactNode;
  /** what the form opens with: the problem's present values, so that saving one field does not clear the others */
  initial?: Record<string, unknown>;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  // what was typed is not thrown away by a stray click outside the dialog: closing it then asks first
  const shut = () => {
    form.resetFields(); // the next opening starts empty
    setOpen(false);
  };
  const close = () =>
    form.isFieldsTouched()
      ? modal.confirm({
          title: '放弃已填写的内容？',
          content: `“${props.title}”中填写的内容尚未提交，关闭后将不保留。`,
          okText: '放弃并关闭',
          cancelText: '继续填写',
          onOk: shut,
        })
      : shut();
  const sending = useRef(false);
  const onFinish = async (v: Record<string, unknown>) => {
    if (sending.current) return; // Enter pressed again while it is being sent: once is enough
    sending.current = true;
    setBusy(true);
    try {
      await props.submit(v);
      message.success(`${props.title}：已完成`);
      shut();
      props.done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <Button danger={props.danger} onClick={() => setOpen(true)} data-testid={props.testId}>
        {props.label}
      </Button>
      <Modal title={props.title} open={open} onCancel={close} footer={null} destroyOnHidden width={props.intro ? 720 : 520}>
        {props.intro}
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={props.initial}>
          {props.fields.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}
            >
              {f.input}
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={busy} data-testid={props.testId ? `${props.testId}-submit` : undefined}>
            提交
          </Button>
        </Form>
      </Modal>
    </>
  );
}
