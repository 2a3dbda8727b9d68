import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'

/** A form that may carry one small file: parts above `maxBytes` are refused, nothing is written to disk. */
export async function readSmallUploadForm(
  request: Request,
  maxBytes: number,
): Promise<{ formData: FormData; tooLarge: boolean }> {
  if (!request.headers.get('content-type')?.startsWith('multipart/form-data'))
    return { formData: await request.formData(), tooLarge: false }
  try {
    const formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
    )
    return { formData, tooLarge: false }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { formData: new FormData(), tooLarge: true }
    throw error
  }
}
