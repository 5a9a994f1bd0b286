using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using JsonPointer = Json.Pointer.JsonPointer;
using Json.Schema;
using JsonNullSentinel = Microsoft.OpenApi.JsonNullSentinel;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace SiteBuilder.Portal.Testing.OpenApi;

/// <summary>
/// One of the repository's OpenAPI 3.1 documents (<c>openapi/*.yaml</c>) as a test oracle: real responses and payloads are
/// checked against it, so the contract and the code cannot drift apart unnoticed. Schemas are evaluated as JSON Schema 2020-12
/// with the whole document as their base, so every <c>#/components/...</c> reference resolves.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly ConcurrentDictionary<string, OpenApiContract> Loaded = new(StringComparer.Ordinal);

    private readonly JsonElement _document;
    private readonly Uri _baseUri;
    private readonly BuildOptions _buildOptions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private OpenApiContract(string fileName, JsonElement document)
    {
        FileName = fileName;
        _document = document;
        _baseUri = new Uri($"https://contract.sitebuilder.test/openapi/{fileName}");
        var registry = new SchemaRegistry();
        registry.Register(_baseUri, new JsonElementBaseDocument(document, _baseUri));
        // OpenAPI 3.1's schema dialect is 2020-12 plus its own annotation keywords (discriminator, xml, externalDocs), which
        // the library's stricter default dialect would refuse.
        _buildOptions = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft202012 };
        ServerBasePath = ServerPath(document);
    }

    /// <summary>The file under <c>openapi/</c>, e.g. <c>generation-api.yaml</c>.</summary>
    public string FileName { get; }

    /// <summary>The path part of the first server URL (<c>/v1</c>): request paths are matched against the templates after it.</summary>
    public string ServerBasePath { get; }

    /// <summary>The folder that holds <c>SiteBuilder.Portal.sln</c>, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of the OpenAPI documents.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "openapi");

    /// <summary>Loads (once per test run) <c>openapi/<paramref name="fileName"/></c>.</summary>
    public static OpenApiContract Load(string fileName) => Loaded.GetOrAdd(fileName, name =>
    {
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No OpenAPI document {path}.", path);
        }

        return new OpenApiContract(name, YamlToJson(File.ReadAllText(path)));
    });

    /// <summary>Asserts <paramref name="response"/> matches the operation its request was sent to (method and path matched against the spec's templates).</summary>
    public Task AssertResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var request = response.RequestMessage ?? throw new ArgumentException("The response has no request; pass the method and path template.", nameof(response));
        var path = request.RequestUri?.AbsolutePath ?? throw new ArgumentException("The request has no URI.", nameof(response));
        return AssertResponseAsync(response, request.Method.Method, MatchPathTemplate(path), cancellationToken);
    }

    /// <summary>
    /// Asserts <paramref name="response"/> is what the spec declares for <paramref name="method"/> <paramref name="pathTemplate"/>
    /// (as written under <c>paths</c>, e.g. <c>/sites/{tenant_id}/generation</c>) and the response's status: the operation and
    /// status (or its <c>4XX</c> range, or <c>default</c>) are declared, the content type is one of the declared media types,
    /// a JSON body validates against its schema, and every declared header is present and valid (unless marked <c>required: false</c>).
    /// It reads the whole body: for an event stream, call it once the stream has ended and check each event with <see cref="AssertMatchesSchema(string, string)"/>.
    /// </summary>
    public async Task AssertResponseAsync(HttpResponseMessage response, string method, string pathTemplate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var what = $"{method.ToUpperInvariant()} {pathTemplate} → {status}";

        var operationPointer = $"/paths/{Escape(pathTemplate)}/{method.ToLowerInvariant()}";
        if (Navigate(operationPointer) is not { ValueKind: JsonValueKind.Object })
        {
            Fail(what, $"the operation {method.ToUpperInvariant()} {pathTemplate} is not in the spec (looked at #{operationPointer}).", body);
        }

        var responses = Resolve($"{operationPointer}/responses");
        var statusKey = new[] { status.ToString(CultureInfo.InvariantCulture), $"{status / 100}XX", "default" }
            .FirstOrDefault(key => responses.Element.TryGetProperty(key, out _));
        if (statusKey is null)
        {
            Fail(what, $"status {status} is not declared; the spec declares {string.Join(", ", responses.Element.EnumerateObject().Select(p => p.Name))}.", body);
        }

        var declared = Resolve($"{responses.Pointer}/{Escape(statusKey)}");
        AssertHeaders(what, response, declared, body);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!declared.Element.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
        {
            if (body.Length > 0)
            {
                Fail(what, $"the spec declares no content, but the response has a {mediaType ?? "untyped"} body.", body);
            }

            return;
        }

        var mediaKey = content.EnumerateObject().Select(p => p.Name).FirstOrDefault(key => MediaTypeMatches(key, mediaType));
        if (mediaKey is null)
        {
            Fail(what, $"content type {mediaType ?? "(none)"} is not declared; the spec declares {string.Join(", ", content.EnumerateObject().Select(p => p.Name))}.", body);
        }

        if (!IsJson(mediaKey) || !content.GetProperty(mediaKey).TryGetProperty("schema", out _))
        {
            return;
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            Fail(what, $"the {mediaType} body is not JSON: {e.Message}", body);
            throw;
        }

        var schemaPointer = $"{declared.Pointer}/content/{Escape(mediaKey)}/schema";
        AssertValid(what, SchemaAt(schemaPointer), instance, body);
    }

    /// <summary>Asserts <paramref name="json"/> validates against <c>#/components/schemas/<paramref name="schemaName"/></c>.</summary>
    public void AssertMatchesSchema(string schemaName, JsonElement json)
    {
        var pointer = $"/components/schemas/{Escape(schemaName)}";
        if (Navigate(pointer) is null)
        {
            throw new OpenApiContractException($"{FileName}: there is no schema {schemaName} under components/schemas.");
        }

        AssertValid($"schema {schemaName}", SchemaAt(pointer), json, json.GetRawText());
    }

    /// <summary>Asserts the JSON text <paramref name="json"/> (e.g. an SSE <c>data:</c> payload) validates against a component schema.</summary>
    public void AssertMatchesSchema(string schemaName, string json)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new OpenApiContractException($"{FileName}: schema {schemaName}: the text is not JSON ({e.Message}):\n{json}", e);
        }

        AssertMatchesSchema(schemaName, element);
    }

    /// <inheritdoc cref="AssertMatchesSchema(string, JsonElement)"/>
    public static void AssertMatchesSchema(string fileName, string schemaName, JsonElement json) => Load(fileName).AssertMatchesSchema(schemaName, json);

    /// <inheritdoc cref="AssertMatchesSchema(string, string)"/>
    public static void AssertMatchesSchema(string fileName, string schemaName, string json) => Load(fileName).AssertMatchesSchema(schemaName, json);

    /// <inheritdoc cref="AssertResponseAsync(HttpResponseMessage, string, string, CancellationToken)"/>
    public static Task AssertResponseAsync(string fileName, HttpResponseMessage response, string method, string pathTemplate, CancellationToken cancellationToken = default) =>
        Load(fileName).AssertResponseAsync(response, method, pathTemplate, cancellationToken);

    /// <summary>The spec's path template that a request path (with or without the server's base path) matches, e.g. <c>/v1/sites/acme/generation</c> → <c>/sites/{tenant_id}/generation</c>.</summary>
    public string MatchPathTemplate(string requestPath)
    {
        var path = requestPath.StartsWith(ServerBasePath + "/", StringComparison.Ordinal) ? requestPath[ServerBasePath.Length..] : requestPath;
        var segments = path.Trim('/').Split('/');
        var templates = _document.TryGetProperty("paths", out var paths) ? paths.EnumerateObject().Select(p => p.Name).ToList() : [];
        // A literal segment beats a parameter, so /sites/{id}/generations/latest wins over /sites/{id}/generations/{gid}.
        var match = templates
            .Select(template => (template, parts: template.Trim('/').Split('/')))
            .Where(t => t.parts.Length == segments.Length && t.parts.Zip(segments).All(p => IsParameter(p.First) || p.First == Uri.UnescapeDataString(p.Second)))
            .OrderBy(t => t.parts.Count(IsParameter))
            .Select(t => t.template)
            .FirstOrDefault();
        return match ?? throw new OpenApiContractException($"{FileName}: no path in the spec matches {requestPath}; it has {string.Join(", ", templates)}.");

        static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');
    }

    /// <summary>The document as JSON (the YAML converted), for tests that compare parts of documents.</summary>
    public JsonElement Document => _document;

    private void AssertHeaders(string what, HttpResponseMessage response, (JsonElement Element, string Pointer) declared, string body)
    {
        if (!declared.Element.TryGetProperty("headers", out var headers))
        {
            return;
        }

        foreach (var header in headers.EnumerateObject())
        {
            var definition = Resolve($"{declared.Pointer}/headers/{Escape(header.Name)}");
            var required = !definition.Element.TryGetProperty("required", out var flag) || flag.ValueKind != JsonValueKind.False;
            var values = response.Headers.TryGetValues(header.Name, out var found) ? found
                : response.Content.Headers.TryGetValues(header.Name, out var contentFound) ? contentFound : null;
            if (values is null)
            {
                if (required)
                {
                    Fail(what, $"the declared header {header.Name} is missing (headers sent: {string.Join(", ", response.Headers.Concat(response.Content.Headers).Select(h => h.Key))}).", body);
                }

                continue;
            }

            if (definition.Element.TryGetProperty("schema", out _))
            {
                var value = string.Join(", ", values);
                var schemaPointer = $"{definition.Pointer}/schema";
                AssertValid($"{what}, header {header.Name}", SchemaAt(schemaPointer), HeaderAsJson(value, Resolve(schemaPointer).Element), value);
            }
        }
    }

    // A header is text; a schema that wants a number gets the number the text spells, so "60" passes `type: integer`.
    private static JsonElement HeaderAsJson(string value, JsonElement schema)
    {
        var wantsNumber = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.GetString() is "integer" or "number";
        var json = wantsNumber && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : JsonSerializer.Serialize(value);
        return JsonDocument.Parse(json).RootElement;
    }

    private void AssertValid(string what, JsonSchema schema, JsonElement instance, string text)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return;
        }

        var failures = new StringBuilder();
        foreach (var node in (result.Details ?? []).Prepend(result).Where(d => d.Errors is { Count: > 0 }))
        {
            foreach (var (key, message) in node.Errors!)
            {
                // A `false` subschema (additionalProperties: false) reports no keyword of its own: name the one that holds it.
                var keyword = key is { Length: > 0 } ? key : node.EvaluationPath.ToString().Split('/')[^1];
                failures.Append(CultureInfo.InvariantCulture, $"\n  - instance {Display(node.InstanceLocation)}: keyword '{keyword}' at {Display(node.EvaluationPath)} (schema {node.SchemaLocation}) failed: {message}");
            }
        }

        Fail(what, $"the JSON does not match the schema:{failures}", text);
    }

    private JsonSchema SchemaAt(string pointer) => _schemas.GetOrAdd(pointer, p =>
    {
        // The schema is a $ref into the registered document, so relative refs inside it resolve against the whole file.
        var reference = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$ref"] = $"{_baseUri}#{UriFragment(p)}" };
        return JsonSchema.Build(JsonDocument.Parse(reference.ToJsonString()).RootElement, _buildOptions, new Uri(_baseUri, $"check/{Guid.NewGuid():N}"));
    });

    /// <summary>The element at a JSON pointer, following OpenAPI <c>$ref</c>s (responses, headers, parameters) to what they point at.</summary>
    private (JsonElement Element, string Pointer) Resolve(string pointer)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            var element = Navigate(pointer) ?? throw new OpenApiContractException($"{FileName}: nothing at #{pointer}.");
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$ref", out var reference))
            {
                return (element, pointer);
            }

            var target = reference.GetString() ?? "";
            if (!target.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new OpenApiContractException($"{FileName}: #{pointer} refers to {target}; only references inside the same file are supported.");
            }

            pointer = Uri.UnescapeDataString(target[1..]);
        }

        throw new OpenApiContractException($"{FileName}: references loop at #{pointer}.");
    }

    private JsonElement? Navigate(string pointer) => JsonPointer.Parse(pointer).Evaluate(_document);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string what, string message, string body)
    {
        var shown = body.Length > 2000 ? body[..2000] + "…" : body;
        throw new OpenApiContractException($"{FileName}: {what}: {message}\nBody: {shown}");
    }

    private static bool MediaTypeMatches(string declared, string? actual)
    {
        if (actual is null)
        {
            return false;
        }

        var parts = declared.Split('/');
        return declared.Equals(actual, StringComparison.OrdinalIgnoreCase)
            || declared == "*/*"
            || (parts is [var type, "*"] && actual.StartsWith(type + "/", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static string Display(JsonPointer pointer) => pointer.ToString() is { Length: > 0 } text ? text : "(root)";

    // '+' in a media type (application/problem+json) would read as a space in a URI fragment.
    private static string UriFragment(string pointer) => string.Join('/', pointer.Split('/').Select(Uri.EscapeDataString));

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string ServerPath(JsonElement document) =>
        document.TryGetProperty("servers", out var servers) && servers.ValueKind == JsonValueKind.Array && servers.GetArrayLength() > 0
            && Uri.TryCreate(servers[0].GetProperty("url").GetString(), UriKind.Absolute, out var url)
            ? url.AbsolutePath.TrimEnd('/')
            : "";

    private static JsonElement YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var node = stream.Documents[0].ToJsonNode();
        return JsonDocument.Parse(WithoutNullSentinels(node)?.ToJsonString() ?? "null").RootElement.Clone();
    }

    // The YAML converter stands a marker string in for YAML's null; JSON Schema must see a real null.
    private static JsonNode? WithoutNullSentinels(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, WithoutNullSentinels(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(WithoutNullSentinels)]),
        _ => JsonNullSentinel.IsJsonNullSentinel(node) ? null : node.DeepClone(),
    };

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SiteBuilder.Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SiteBuilder.Portal.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A response or payload that breaks the OpenAPI contract; the message names the file, the operation, the keyword and the locations.</summary>
public sealed class OpenApiContractException : Exception
{
    public OpenApiContractException()
    {
    }

    public OpenApiContractException(string message)
        : base(message)
    {
    }

    public OpenApiContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
