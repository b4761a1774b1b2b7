module eval.minio {
    requires minio;
    requires okhttp3;
}
