import CapitalCore
import Foundation
import Postgres
import Register
import Samples

/// Loads a sample network written by `SampleNetwork.generate` (`capital sample`): creates the network,
/// its trusts and their sites from `network.yaml`, then imports every trust's register file.
///
/// For the demo and tests. Sites are created with the codes the generator uses in finance files
/// (two capitals of the name + its number, e.g. `NG01`) and their names, so CMMS files (site names)
/// and finance files (location codes) land on the same sites.
public enum SampleNetworkLoader {
    /// Creates the network (named `networkName`, or the manifest's name), trusts and sites, then imports
    /// every register with `options` (its profile choice is replaced by the manifest's profile).
    /// Returns one outcome per trust, in manifest order.
    public static func load(directory: URL, connection: Connection, importers: ProfileLibrary, networkName: String? = nil,
                            options: ImportOptions = ImportOptions(),
                            each: ((SampleNetwork.TrustFile, ImportOutcome) -> Void)? = nil) throws -> [ImportOutcome] {
        let manifest = try SampleManifest.read(directory.appendingPathComponent("network.yaml"))
        let store = NetworkStore(connection)
        let network = try store.createNetwork(name: networkName ?? manifest.network.name, formedOn: manifest.network.asOf,
                                              structure: NetworkStructure(rawValue: manifest.network.form) ?? .collaboration)
        for t in manifest.trusts {
            try store.addTrust(network: network, odsCode: t.code, name: t.name, kind: t.foundationTrust ? .foundationTrust : .nhsTrust)
            for (code, name) in zip(SampleManifest.siteCodes(t.sites), t.sites) where !(try store.sites(network: network, trustCode: t.code).contains { $0.code == code }) {
                try store.addSite(network: network, trustCode: t.code, code: code, name: name)
            }
        }
        // A hosted sample network names its first trust as host: it raises the network's capital (StructureRules).
        if network.structure == .hosted, let host = manifest.trusts.first?.code {
            try AgreementStore(connection).set(network: network) { $0.hostTrust = host.uppercased() }
        }
        var outcomes: [ImportOutcome] = []
        for t in manifest.trusts {
            var o = options
            o.profile = t.profile.isEmpty ? .auto : .named(t.profile)
            let outcome = try RegisterStore(connection).importRegister(file: directory.appendingPathComponent(t.file), network: network,
                                                                       trustCode: t.code, importers: importers, options: o)
            each?(t, outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }
}
