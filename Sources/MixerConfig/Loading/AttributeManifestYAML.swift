import MixerDecode

/// Istio `attributemanifest` resources read from YAML as users have them:
/// one resource, several in one file (`---`), or `kubectl get ... -o yaml`
/// output (`kind: List`). Every manifest found adds its attributes; other
/// kinds are passed over. Field names are accepted in both spellings
/// Istio's loaders accept (`valueType`, `value_type`).
public enum AttributeManifestYAML {
    /// The attributes of every manifest in `text`, or the first problem.
    public static func manifest(from text: String, file: String) -> Result<AttributeManifest, ConfigProblem> {
        let (resources, readProblems) = ConfigDocuments.resources(in: text, file: file)
        var problems = readProblems
        let types = ManifestReader.types(from: resources, problems: &problems)
        if let first = problems.first { return .failure(first) }
        return .success(AttributeManifest(types: types))
    }
}
