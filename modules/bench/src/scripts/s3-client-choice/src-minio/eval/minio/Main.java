package eval.minio;

import io.minio.*;
import java.io.ByteArrayInputStream;

public class Main {
    public static void main(String[] args) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(args[0]).region("us-east-1")
                .credentials(System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY")).build();
        byte[] b = "hello".getBytes();
        s3.putObject(PutObjectArgs.builder().bucket("eval").object("startup-minio").stream(new ByteArrayInputStream(b), (long) b.length, null).build());
        System.out.println("PUT_DONE " + System.currentTimeMillis());
    }
}
