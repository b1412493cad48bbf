// 上传佐证材料: several files at once — on a phone, photos straight from the camera — each with its own progress bar.
// Photos are made smaller and upright before they go (lib/photo.ts). Files go one after another; one whose
// connection dropped waits with a 重试 button and is sent again by itself when the phone is back online; one the
// server refused says why and is not retried. Until the server has a file, it is kept on the device
// (lib/pending-uploads.ts): a page closed or reloaded without signal sends it when the problem is opened again. The
// page reloads once after the last file is in.
import { App, Button, Progress, Space, Typography } from 'antd';
import { CameraOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { ApiError, upload } from '../../lib/api.ts';
import { preparedForUpload } from '../../lib/photo.ts';
import { useNarrow } from '../../lib/narrow.ts';
import { useSession } from '../../app/session.tsx';
import { dropPending, keepPending, pendingFor } from '../../lib/pending-uploads.ts';

type State = 'waiting' | 'sending' | 'done' | 'dropped' | 'refused';
interface Item {
  readonly id: number;
  /** its key among the files kept on the device */
  readonly kept: string;
  readonly name: string;
  readonly file: File;
  state: State;
  sent: number;
  note?: string;
}

let nextId = 1;
const RESTORED = '上次未上传完成，已保存在本机，正在上传';

export function EvidenceUpload({ code, onUploaded, primary }: { code: string; onUploaded: () => void; primary?: boolean }) {
  const { message } = App.useApp();
  // a camera of its own on a phone; on a computer the file chooser is the only way in
  const narrow = useNarrow();
  // what is kept on the device is this account's: another one on the same browser never sends it
  const owner = useSession().session?.user.username ?? '';
  const [items, setItems] = useState<Item[]>([]);
  const queue = useRef<Item[]>([]);
  const running = useRef(false);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const shown = () => setItems(queue.current.map((i) => ({ ...i })));

  const run = async () => {
    if (running.current) return;
    running.current = true;
    let landed = 0;
    try {
      for (let item = next(); item; item = next()) {
        item.state = 'sending';
        item.sent = 0;
        // a failure's note belongs to the try that failed; one kept from an earlier visit stays until the file is in
        if (item.note !== RESTORED) item.note = undefined;
        shown();
        const form = new FormData();
        form.append('file', item.file, item.file.name);
        try {
          const kept = await upload('POST /api/problems/:code/evidence', { params: { code }, body: form }, (sent) => {
            item.sent = sent;
            shown();
          });
          item.state = 'done';
          item.sent = 1;
          void dropPending(item.kept);
          item.note = kept.already
            ? `该问题已有相同的文件“${kept.fileName}”，未重复保存`
            : kept.fileName !== item.file.name
              ? `内容与扩展名不符，已按内容保存为“${kept.fileName}”`
              : undefined;
          landed += 1;
        } catch (e) {
          const dropped = e instanceof ApiError && (e.code === 'UNREACHABLE' || e.code === 'BAD_ANSWER');
          item.state = dropped ? 'dropped' : 'refused';
          // refused for what it is (its type, its size): keeping it would only send it to be refused again
          if (!dropped) void dropPending(item.kept);
          item.note = dropped ? '网络中断，未上传；联网后自动重试，也可点“重试”' : e instanceof ApiError ? e.message : '上传失败';
        }
        shown();
      }
    } finally {
      running.current = false;
    }
    if (landed) {
      message.success(`已上传 ${landed} 份佐证材料`);
      onUploaded();
    }
  };
  const next = () => queue.current.find((i) => i.state === 'waiting');

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    const chosen = [...files];
    const prepared = await Promise.all(chosen.map(preparedForUpload));
    const items = prepared.map((file) => {
      const id = nextId++;
      return { id, kept: `${Date.now().toString().padStart(15, '0')}-${id}`, name: file.name, file, state: 'waiting' as const, sent: 0 };
    });
    await Promise.all(items.map((i) => keepPending({ id: i.kept, problem: code, owner, file: i.file })));
    queue.current = [...queue.current.filter((i) => i.state !== 'done'), ...items];
    shown();
    void run();
  };
  // what an earlier visit left on the device goes now
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per problem opened
  useEffect(() => {
    void pendingFor(code, owner).then((left) => {
      if (left.length === 0) return;
      queue.current = [
        ...queue.current,
        ...left.map((p) => ({
          id: nextId++,
          kept: p.id,
          name: p.file.name,
          file: p.file,
          state: 'waiting' as const,
          sent: 0,
          note: RESTORED,
        })),
      ];
      shown();
      void run();
    });
  }, [code]);
  const retry = () => {
    for (const i of queue.current) if (i.state === 'dropped') i.state = 'waiting';
    shown();
    void run();
  };
  // back online: what the dropped connection left behind goes by itself
  // biome-ignore lint/correctness/useExhaustiveDependencies: retry reads the queue through its ref
  useEffect(() => {
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, []);

  const chooser = (ref: React.RefObject<HTMLInputElement | null>, capture: boolean) => (
    <input
      ref={ref}
      type="file"
      multiple={!capture}
      accept={capture ? 'image/*' : undefined}
      capture={capture ? 'environment' : undefined}
      hidden
      data-testid={capture ? 'evidence-camera' : 'evidence-files'}
      onChange={(e) => {
        void add(e.target.files);
        e.target.value = ''; // the same photo chosen again is a new choice
      }}
    />
  );
  return (
    <>
      {chooser(picker, false)}
      {narrow && chooser(camera, true)}
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="evidence-upload">
        <Space wrap>
          <Button
            type={primary ? 'primary' : 'default'}
            icon={<UploadOutlined />}
            onClick={() => picker.current?.click()}
            data-testid="action-evidence"
          >
            上传佐证材料
          </Button>
          {narrow && (
            <Button icon={<CameraOutlined />} onClick={() => camera.current?.click()} data-testid="action-camera">
              拍照上传
            </Button>
          )}
        </Space>
        {items.length > 0 && (
          <Space orientation="vertical" style={{ width: '100%' }} size={4} data-testid="evidence-queue">
            {items.map((i) => (
              <div key={i.id} data-testid="evidence-item" data-state={i.state}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  {i.name}
                </Typography.Text>
                <Progress
                  percent={Math.round(i.sent * 100)}
                  size="small"
                  status={i.state === 'done' ? 'success' : i.state === 'sending' || i.state === 'waiting' ? 'active' : 'exception'}
                />
                {i.note && (
                  <Typography.Text type={i.state === 'done' ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
                    {i.note}
                  </Typography.Text>
                )}
              </div>
            ))}
            {items.some((i) => i.state === 'dropped') && (
              <Button icon={<ReloadOutlined />} onClick={retry} data-testid="evidence-retry">
                重试
              </Button>
            )}
          </Space>
        )}
      </Space>
    </>
  );
}
