package io.paycli.core.validate;

/** Whether an image reference pins what will run. */
final class ImageRef {

    private ImageRef() {
    }

    /** Why the reference is not pinned, or null when it is. */
    static String tagProblem(String image) {
        if (image == null || image.isBlank()) {
            return "has no image";
        }
        if (image.contains("@")) {
            return null; // a digest pins the content whatever the tag says
        }
        // A ':' before the last '/' is a registry port (host:5000/app), not a tag.
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        if (colon < 0 || colon == last.length() - 1) {
            return "image " + image + " has no tag; pin a version or a digest";
        }
        if (last.substring(colon + 1).equals("latest")) {
            return "image " + image + " uses the :latest tag; pin a version or a digest";
        }
        return null;
    }
}
