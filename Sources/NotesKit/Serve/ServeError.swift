import FlyingSocks
import Foundation

/// Why `serve` cannot start: each says, in one line, what to do.
enum ServeError: Error, CustomStringConvertible, Equatable {
    case portInUse(UInt16)
    case portNotAllowed(UInt16)
    case addressNotHere(String)
    case unknownHost(String)
    case cannotListen(String, UInt16, reason: String)

    /// The error FlyingFox reported while binding, as one of the above.
    init(listening error: any Error, on address: ListenAddress) {
        guard case .failed(_, let code, let message) = error as? SocketError else {
            self = .cannotListen(address.host, address.port, reason: "\(error)")
            return
        }
        switch code {
        case EADDRINUSE: self = .portInUse(address.port)
        case EACCES: self = .portNotAllowed(address.port)
        case EADDRNOTAVAIL: self = .addressNotHere(address.host)
        default: self = .cannotListen(address.host, address.port, reason: message)
        }
    }

    var description: String {
        switch self {
        case .portInUse(let port):
            return "error: port \(port) is in use; pass --port"
        case .portNotAllowed(let port):
            return "error: port \(port) needs privileges notesgen should not have; pass --port 1024 or above"
        case .addressNotHere(let host):
            return "error: \(host) is not an address of this machine; pass --host 127.0.0.1"
        case .unknownHost(let host):
            return "error: --host takes an IP address such as 127.0.0.1, ::1 or 0.0.0.0, not '\(host)'"
        case .cannotListen(let host, let port, let reason):
            return "error: cannot listen on \(host) port \(port): \(reason); pass another --host or --port"
        }
    }
}
