package io.paycli.core.template;

import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.json.JsonMapper;

/** Validates values against a package's schema the way paycli does: JSON Schema draft 2020-12. */
final class SchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SchemaCheck() {
    }

    static Schema schema(TemplatePackage pkg) {
        return REGISTRY.getSchema(pkg.schema(), InputFormat.JSON);
    }

    static List<String> errors(TemplatePackage pkg, Map<String, Object> values) {
        return schema(pkg).validate(JSON.valueToTree(values)).stream().map(Error::toString).toList();
    }
}
