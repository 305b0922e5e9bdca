import { Empty, Image, Space, Typography } from 'antd';
import { fileUrl, type UploadedFile } from '../../../lib/api';
import { FileLink } from '../../../components/FileLink';

/** The letter shown inline for the reviewer: a PDF in a frame, an image as an image; with 查看 / 下载 links. */
export function FileViewer({ file, height = 560 }: { file: UploadedFile | null | undefined; height?: number }) {
  if (!file) return <Empty description="未上传保函文件" />;
  const inline = fileUrl(file.id, true);
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <FileLink file={file} />
      {file.mime === 'application/pdf' ? (
        <iframe title={file.name} src={inline} style={{ width: '100%', height, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa' }} data-testid="letter-frame" />
      ) : file.mime.startsWith('image/') ? (
        <Image src={inline} alt={file.name} style={{ maxWidth: '100%', maxHeight: height, border: '1px solid #f0f0f0', borderRadius: 4 }} preview={{ mask: '点击放大' }} data-testid="letter-image" />
      ) : (
        <Typography.Text type="secondary">该文件类型不能在页面中预览，请下载查看</Typography.Text>
      )}
    </Space>
  );
}
