// 佐证材料: each file with who gave it and when, opened in place — a PDF or an image as itself, a text, Word or Excel
// file as its words — or downloaded under its own name. The same list sits beside a closure request under review.
import { Button, List, Modal, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { address, useGet } from '../../lib/api.ts';
import type { Evidence } from '../../lib/types.ts';

const fileUrl = (e: Evidence, download = false) =>
  address('GET /api/evidence/:id/file', { params: { id: e.id }, query: { download: download ? 'true' : undefined } });

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Words({ e }: { e: Evidence }) {
  const { data, error } = useGet('GET /api/evidence/:id/text', { params: { id: e.id } });
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  if (!data) return <Spin />;
  return (
    <>
      <pre
        data-testid="evidence-text"
        style={{ whiteSpace: 'pre-wrap', maxHeight: '65vh', overflow: 'auto', margin: 0, fontFamily: 'inherit' }}
      >
        {data.text || '（文件中没有文字）'}
      </pre>
      {data.truncated && <Typography.Text type="secondary">只显示了开头部分，完整内容请下载查看。</Typography.Text>}
    </>
  );
}

function Preview({ e }: { e: Evidence }) {
  if (e.view === 'text') return <Words e={e} />;
  if (e.view === 'download') return <Typography.Paragraph>此类文件不能在浏览器中预览，请下载后查看。</Typography.Paragraph>;
  if (e.mime.startsWith('image/'))
    return <img src={fileUrl(e)} alt={e.fileName} data-testid="evidence-image" style={{ maxWidth: '100%', maxHeight: '70vh' }} />;
  return <iframe src={fileUrl(e)} title={e.fileName} data-testid="evidence-frame" style={{ width: '100%', height: '70vh', border: 0 }} />;
}

export function EvidenceList({ items, empty = '尚未上传' }: { items: readonly Evidence[]; empty?: string }) {
  const [open, setOpen] = useState<Evidence | null>(null);
  return (
    <>
      <List
        dataSource={items}
        locale={{ emptyText: empty }}
        size="small"
        renderItem={(e) => (
          <List.Item
            data-testid={`evidence-${e.id}`}
            actions={[
              <Button key="view" type="link" size="small" onClick={() => setOpen(e)} data-testid={`evidence-view-${e.id}`}>
                {e.view === 'download' ? '查看说明' : '预览'}
              </Button>,
              <a key="get" href={fileUrl(e, true)} download={e.fileName}>
                下载
              </a>,
            ]}
          >
            <List.Item.Meta
              title={e.fileName}
              description={`${size(e.size)} · ${e.uploadedBy} · ${dayjs(e.uploadedAt).format('YYYY-MM-DD HH:mm')}`}
            />
          </List.Item>
        )}
      />
      <Modal
        title={open?.fileName}
        open={open !== null}
        onCancel={() => setOpen(null)}
        width={960}
        destroyOnHidden
        footer={
          open && (
            <Space>
              <a href={fileUrl(open, true)} download={open.fileName}>
                下载原件
              </a>
              <Button onClick={() => setOpen(null)}>关闭</Button>
            </Space>
          )
        }
      >
        {open && <Preview e={open} />}
      </Modal>
    </>
  );
}
