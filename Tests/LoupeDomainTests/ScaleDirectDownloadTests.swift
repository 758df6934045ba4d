import Foundation
import Testing

@testable import LoupeDomain

@Suite("Scale storage-provider links")
struct ScaleDirectDownloadTests {
    private func direct(_ url: String) -> String { ScaleAttachments.directDownloadURL(url) }

    @Test func dropboxPreviewsDownload() {
        #expect(
            direct("https://www.dropbox.com/s/abc123/photo.jpg?dl=0")
                == "https://www.dropbox.com/s/abc123/photo.jpg?dl=1")
        #expect(
            direct("https://www.dropbox.com/scl/fi/x9y8/photo.jpg?rlkey=k1&dl=0")
                == "https://www.dropbox.com/scl/fi/x9y8/photo.jpg?rlkey=k1&dl=1")
        #expect(direct("https://dropbox.com/s/abc123/photo.jpg") == "https://dropbox.com/s/abc123/photo.jpg?dl=1")
        #expect(
            direct("http://www.DropBox.com/s/abc123/photo.jpg?st=z&dl=0")
                == "http://www.DropBox.com/s/abc123/photo.jpg?st=z&dl=1")
    }

    @Test func googleDriveViewersDownload() {
        let download = "https://drive.google.com/uc?export=download&id=1AbC-_9z"
        #expect(direct("https://drive.google.com/file/d/1AbC-_9z/view?usp=sharing") == download)
        #expect(direct("https://drive.google.com/file/d/1AbC-_9z/preview") == download)
        #expect(direct("https://drive.google.com/file/d/1AbC-_9z") == download)
        #expect(direct("https://drive.google.com/file/u/0/d/1AbC-_9z/view") == download)
        #expect(direct("https://drive.google.com/open?id=1AbC-_9z") == download)
        #expect(direct("https://drive.google.com/uc?id=1AbC-_9z") == download)
        #expect(
            direct("https://drive.google.com/file/d/1AbC-_9z/view?usp=drive_link&resourcekey=0-xY_z") == download
                + "&resourcekey=0-xY_z")
    }

    @Test func oneDriveShareLinksUseTheSharesEndpoint() {
        // Microsoft's own example link, encoded as its docs describe (base64url without padding, "u!" prefix).
        #expect(
            direct("https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1")
                == "https://api.onedrive.com/v1.0/shares/u!aHR0cHM6Ly9vbmVkcml2ZS5saXZlLmNvbS9yZWRpcj9yZXNpZD0xMjMxMjQ0MTkzOTEyITEyJmF1dGhLZXk9MTIwMTkxOSExMjkyMSEx/root/content"
        )
        #expect(
            direct("https://1drv.ms/i/s!AkT3xQ9bPz4Hgq0Ab")
                == "https://api.onedrive.com/v1.0/shares/u!aHR0cHM6Ly8xZHJ2Lm1zL2kvcyFBa1QzeFE5YlB6NEhncTBBYg/root/content"
        )
    }

    @Test func otherAndAlreadyDirectLinksAreLeftAlone() {
        let untouched = [
            "https://your-s3-bucket.s3.amazonaws.com/attachment-1.png", "http://i.imgur.com/XOJbalC.jpg",
            "https://dl.dropboxusercontent.com/s/abc123/photo.jpg", "https://www.dropbox.com/s/abc123/photo.jpg?raw=1",
            "https://www.dropbox.com/home/photos", "https://www.dropbox.com/sh/folder123/abc?dl=0",
            "https://drive.google.com/uc?export=download&id=1AbC", "https://drive.google.com/drive/folders/1AbC",
            "https://drive.google.com/file/d/bad%22id/view", "https://docs.google.com/document/d/1AbC/edit",
            "https://onedrive.live.com/download?resid=1&authkey=2", "https://onedrive.live.com/", "https://1drv.ms",
            "ftp://www.dropbox.com/s/abc/photo.jpg?dl=0", "a cat on a mat", "",
        ]
        for url in untouched { #expect(direct(url) == url) }
        for url in [
            "https://www.dropbox.com/s/a/b.jpg?dl=0", "https://drive.google.com/open?id=X", "https://1drv.ms/u/s!A",
        ] {
            #expect(direct(direct(url)) == direct(url), "idempotent: \(url)")
        }
    }

    @Test func creationParamsAndFetchedURLsUseDirectLinks() {
        let params: JSONObject = [
            "attachment": "https://drive.google.com/file/d/ID1/view", "attachment_type": "image",
            "attachments": [
                "https://www.dropbox.com/s/a/b.jpg?dl=0",
                ["type": "text", "content": "https://drive.google.com/open?id=T"],
                ["type": "image", "content": "https://drive.google.com/open?id=ID2"],
            ],
            "context_attachments": [["attachment": "https://www.dropbox.com/s/c/d.jpg"]],
        ]
        let rewritten = ScaleAttachments.withDirectDownloadLinks(params)
        #expect(rewritten["attachment"] == "https://drive.google.com/uc?export=download&id=ID1")
        #expect(
            rewritten["attachments"] == [
                "https://www.dropbox.com/s/a/b.jpg?dl=1",
                ["type": "text", "content": "https://drive.google.com/open?id=T"],
                ["type": "image", "content": "https://drive.google.com/uc?export=download&id=ID2"],
            ])
        #expect(rewritten["context_attachments"] == [["attachment": "https://www.dropbox.com/s/c/d.jpg?dl=1"]])
        #expect(rewritten["attachment_type"] == "image")
        let fetched = [
            "https://drive.google.com/uc?export=download&id=ID1", "https://www.dropbox.com/s/a/b.jpg?dl=1",
            "https://drive.google.com/uc?export=download&id=ID2", "https://www.dropbox.com/s/c/d.jpg?dl=1",
        ]
        #expect(ScaleAttachments.urls(in: params) == fetched)
        #expect(ScaleAttachments.urls(in: rewritten) == fetched)
        let text: JSONObject = ["attachment": "https://www.dropbox.com/s/a/b.jpg?dl=0", "attachment_type": "text"]
        #expect(ScaleAttachments.withDirectDownloadLinks(text) == text)
    }
}
