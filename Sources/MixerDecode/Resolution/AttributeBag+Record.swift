extension AttributeBag {
    /// A record's attributes, each typed by `manifest` when its value is
    /// of that type (else reading it fails as Mixer's conversion does), and
    /// slotted by the manifest's names.
    ///
    /// With `keeping`, the attributes of the manifest it leaves out are
    /// not held (no one reads them; converting them is most of the work).
    public init(_ record: ResolvedRecord, manifest: AttributeManifest, keeping: AttributeSelection? = nil) {
        self.init(names: manifest.names)
        let kept = keeping.flatMap { $0.names === names ? $0.keepsSlot : nil }
        // Names are unique in a record, so the order they are put in changes nothing.
        record.attributes.forEachStored { attribute in
            let global = attribute.globalWordIndex
            let slot = global >= 0 ? Int(names.slotOfGlobalWord[Int(global)]) : names.slot(of: attribute.name) ?? -1
            if let kept, slot >= 0, !kept[slot] { return }
            let type = slot >= 0 ? manifest.typeOfSlot[slot] : manifest.type(of: attribute.name)
            let value: ExpressionValue
            if type == nil || type == .stringMap, let map = attribute.stringMap {
                value = .stringMap(map)
            } else {
                value = ExpressionValue(bag: attribute.value, type: type)
            }
            if slot >= 0 { values[slot] = value } else { others[attribute.name] = value }
        }
    }
}
