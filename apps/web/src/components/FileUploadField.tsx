import { useRef, type ReactNode } from 'react';
import { App, Button, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { Rule } from 'antd/es/form';
import UploadOutlined from '@ant-design/icons/UploadOutlined';
import SwapOutlined from '@ant-design/icons/SwapOutlined';
import DeleteOutlined from '@ant-design/icons/DeleteOutlined';
import { errorMessage, fileUrl, uploadFile, type UploadedFile } from '../lib/api';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const ALLOWED = /\.(pdf|jpe?g|png)$/i;

export type FileFieldValue = UploadFile<UploadedFile>[];

/** A file already stored on the server, as the value of an upload field (for pre-filled forms). */
export function storedFile(f: UploadedFile | null | undefined): FileFieldValue {
  if (!f) return [];
  return [{ uid: f.id, name: f.name, size: f.size, type: f.mime, status: 'done', response: f, url: fileUrl(f.id, true) }];
}

/** The id of the uploaded file of a field value, if the upload has finished. */
export function uploadedFileId(value: FileFieldValue | undefined): string | undefined {
  const f = value?.find((x) => x.status === 'done');
  return f?.response?.id;
}

/** Required / optional rule that also waits for the upload to finish. */
export function fileRule(label: string, required: boolean): Rule {
  return {
    validator: (_r, value: FileFieldValue | undefined) => {
      const list = value ?? [];
      if (list.some((f) => f.status === 'uploading')) return Promise.reject(new Error(`${label}正在上传，请稍候`));
      if (list.some((f) => f.status === 'error')) return Promise.reject(new Error(`${label}上传失败，请删除后重新上传`));
      if (required && !uploadedFileId(list)) return Promise.reject(new Error(`请上传${label}`));
      return Promise.resolve();
    },
  };
}

interface Props {
  id?: string;
  value?: FileFieldValue;
  onChange?: (value: FileFieldValue) => void;
  max?: number;
  /** The button's text ("上传文件" unless told, e.g. the manual's "添加文件"). */
  buttonText?: string;
  /** The line under the button, given the number of files and the maximum. */
  hint?: (count: number, max: number) => ReactNode;
}

const defaultHint = (count: number, max: number) => `${count}/${max} 单个文件不超过100M，支持 PDF、JPG、PNG 格式`;

/**
 * Upload to POST /api/files with a progress bar; PDF / JPG / PNG up to 100 MB. With `max` > 1
 * several files can be chosen at once (the ones beyond `max` are left out, with a message). A full
 * one-file field shows 替换: the new file takes the old one's place once it is uploaded, and the
 * old one stays if the new one fails. The 删除 icon is always shown, not only on hover.
 */
export function FileUploadField({ id, value = [], onChange, max = 1, buttonText = '上传文件', hint = defaultHint }: Props) {
  const { message } = App.useApp();
  /** the file a 替换 is replacing, kept until the new one is uploaded */
  const replaced = useRef<UploadFile<UploadedFile> | null>(null);
  const full = value.length >= max;
  const replaceable = max === 1 && full;
  return (
    <div className="bx-upload">
      <Upload<UploadedFile>
        id={id}
        fileList={value}
        maxCount={max}
        multiple={max > 1}
        accept={ACCEPT}
        beforeUpload={(file, batch) => {
          if (!ALLOWED.test(file.name)) {
            message.error(`${file.name}：文件类型不支持，仅支持 PDF、JPG、PNG`);
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_FILE_BYTES) {
            message.error(`${file.name}：单个文件不超过100M`);
            return Upload.LIST_IGNORE;
          }
          if (max > 1) {
            const room = max - value.length;
            const place = batch.indexOf(file);
            if (place >= room) {
              if (place === room) message.warning(`最多上传${max}个文件，已选的其余 ${batch.length - room} 个未添加`);
              return Upload.LIST_IGNORE;
            }
          } else if (value[0]?.status === 'done') {
            replaced.current = value[0];
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const { promise, abort } = uploadFile(file as File, (percent) => onProgress?.({ percent }));
          promise.then(
            (res) => onSuccess?.(res),
            (e: unknown) => {
              message.error(errorMessage(e));
              onError?.(e instanceof Error ? e : new Error(errorMessage(e)));
            },
          );
          return { abort };
        }}
        onChange={({ fileList }) => {
          const failed = max === 1 && fileList[0]?.status === 'error';
          if (failed && replaced.current) {
            message.info(`已保留原文件 ${replaced.current.name}`);
            const kept = replaced.current;
            replaced.current = null;
            onChange?.([kept]);
            return;
          }
          if (fileList[0]?.status === 'done') replaced.current = null;
          onChange?.(fileList.map((f) => (f.status === 'done' && f.response ? { ...f, url: fileUrl(f.response.id, true) } : f)));
        }}
        showUploadList={{ showDownloadIcon: false, showRemoveIcon: true, removeIcon: <DeleteOutlined aria-label="删除" title="删除" /> }}
      >
        {replaceable ? (
          <Button icon={<SwapOutlined />}>替换</Button>
        ) : (
          !full && <Button icon={<UploadOutlined />}>{buttonText}</Button>
        )}
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {hint(value.length, max)}
        {max > 1 && !full && '，可一次选择多个文件'}
        {max > 1 && full && '；如需更换，请先删除'}
      </Typography.Text>
    </div>
  );
}
