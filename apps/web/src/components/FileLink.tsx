import { Image, Space, Typography } from 'antd';
import PaperClipOutlined from '@ant-design/icons/PaperClipOutlined';
import { formatFileSize } from '@benxi/shared';
import { fileUrl, type UploadedFile } from '../lib/api';

/** A stored file: opens in a new tab (inline), with a thumbnail when it is an image. */
export function FileLink({ file, preview = false }: { file: UploadedFile | null | undefined; preview?: boolean }) {
  if (!file) return <Typography.Text type="secondary">未上传</Typography.Text>;
  const isImage = file.mime.startsWith('image/');
  return (
    <Space direction="vertical" size={8}>
      <Space size={6} wrap>
        <PaperClipOutlined />
        <Typography.Link href={fileUrl(file.id, true)} target="_blank" rel="noopener noreferrer">
          {file.name}
        </Typography.Link>
        <Typography.Text type="secondary">({formatFileSize(file.size)})</Typography.Text>
        <Typography.Link href={fileUrl(file.id, true)} target="_blank" rel="noopener noreferrer">
          查看
        </Typography.Link>
        <Typography.Link href={fileUrl(file.id)} download={file.name}>
          下载
        </Typography.Link>
      </Space>
      {preview && isImage && (
        <Image
          src={fileUrl(file.id, true)}
          alt={file.name}
          width={240}
          style={{ border: '1px solid #f0f0f0', borderRadius: 4, objectFit: 'contain', background: '#fafafa' }}
          preview={{ mask: '点击预览' }}
        />
      )}
    </Space>
  );
}
