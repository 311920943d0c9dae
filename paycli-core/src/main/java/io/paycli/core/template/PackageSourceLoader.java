package io.paycli.core.template;

import io.paycli.core.error.Suggestion;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;

/**
 * Serves the Pebble sources of one package from memory. Templates can include each other by file
 * name, but never reach the file system or the classpath.
 */
final class PackageSourceLoader implements Loader<String> {

    private final String packageName;
    private final Map<String, String> sources;

    PackageSourceLoader(TemplatePackage pkg) {
        this.packageName = pkg.name();
        this.sources = pkg.sources();
    }

    @Override
    public Reader getReader(String name) {
        String source = sources.get(name);
        if (source == null) {
            throw new LoaderException(null, "template " + packageName + " has no file '" + name + "'"
                    + Suggestion.hint(name, sources.keySet()));
        }
        return new StringReader(source);
    }

    @Override
    public void setCharset(String charset) {
        // sources are already text
    }

    @Override
    public void setPrefix(String prefix) {
        // package files are flat; names need no prefix
    }

    @Override
    public void setSuffix(String suffix) {
        // names are always given in full
    }

    @Override
    public String resolveRelativePath(String relativePath, String anchorPath) {
        return relativePath.startsWith("./") ? relativePath.substring(2) : relativePath;
    }

    @Override
    public String createCacheKey(String templateName) {
        return templateName;
    }

    @Override
    public boolean resourceExists(String templateName) {
        return sources.containsKey(templateName);
    }
}
