import Foundation
import NoteModel
import NoteResults

/// Compiles a note's blocks into one program, runs it as a child process and collects what each
/// block showed, printed or failed with.
///
/// A failing, crashing or hanging note only ever produces a `NoteRun` describing the failure;
/// it never throws and never takes notesgen down.
public struct NoteExecutor: Sendable {
    public var toolchain: Toolchain
    public var library: RuntimeLibrary
    /// Where programs are generated, compiled and run (a fresh sub-folder per run).
    public var workFolder: URL
    /// How long a note's program may run, in seconds, besides the blocks' own `timeout=`.
    public var noteTimeout: Double
    /// How long compiling a note's program may take, in seconds.
    public var compileTimeout: Double
    /// The Clang module cache all compiles share (`ModuleCache`).
    public var moduleCacheFolder: URL

    /// How long compiling a note's program may take unless told otherwise, in seconds.
    public static let defaultCompileTimeout: Double = 300

    public init(
        toolchain: Toolchain, library: RuntimeLibrary, workFolder: URL, noteTimeout: Double,
        compileTimeout: Double = defaultCompileTimeout, moduleCacheFolder: URL? = nil
    ) {
        self.toolchain = toolchain
        self.library = library
        self.workFolder = workFolder
        self.noteTimeout = noteTimeout
        self.compileTimeout = compileTimeout
        // The work folder sits in the cache folder, beside the module cache.
        self.moduleCacheFolder =
            moduleCacheFolder ?? ModuleCache.folder(in: workFolder.deletingLastPathComponent(), toolchain: toolchain)
    }

    /// Everything that can change a note's results: its code and options, its path (it appears in
    /// messages), the library as built, the compiler and the flags; not its prose nor its line
    /// numbers.
    public func cacheKey(for note: Note) -> String {
        var hash = SHA256()
        hash.updateField("notesgen-run-v2")
        hash.updateField(library.hash)
        hash.updateField(library.builtHash)
        hash.updateField(toolchain.version)
        hash.updateField(ProgramCompiler.flags.joined(separator: " "))
        hash.updateField(String(noteTimeout))
        hash.updateField(note.path)
        for block in note.blocks {
            hash.updateField(block.code)
            hash.updateField("\(block.options.shouldFail) \(block.options.timeout ?? 0)")
        }
        return hash.hexDigest()
    }

    /// The compiler, as this executor runs it.
    var compiler: ProgramCompiler {
        ProgramCompiler(toolchain: toolchain, moduleCacheFolder: moduleCacheFolder, timeout: compileTimeout)
    }

    /// The blocks of a note's main program: all but the `should-fail` ones.
    static func mainBlocks(of note: Note) -> [SwiftAttnBlock] {
        note.blocks.filter { !$0.options.shouldFail }
    }

    /// Compiles `note`'s main program to an object file against the library's modules, before
    /// the library itself is built, and links it against the stub; `run(_:precompiled:)` then
    /// only runs it (or links it, when the early link failed). Nil when the note has no main
    /// program or its folder cannot be made (the run compiles it then).
    static func precompile(
        _ note: Note, library: LibraryInProgress, workFolder: URL, compiler: ProgramCompiler
    ) -> PrecompiledProgram? {
        let blocks = mainBlocks(of: note)
        guard !blocks.isEmpty else { return nil }
        let folder = workFolder.appendingPathComponent("\(note.slug)-\(UUID().uuidString)")
        let source = folder.appendingPathComponent("main.swift")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(ProgramGenerator.program(for: blocks, notePath: note.path).utf8).write(to: source)
            let object = folder.appendingPathComponent("main.o")
            var program = PrecompiledProgram(
                folder: folder, object: object,
                compile: try compiler.compileObject(source, to: object, modules: library.modules))
            if program.compile.succeeded && compiler.canLinkBeforeTheLibrary {
                let linked = try? compiler.linkBeforeTheLibrary(
                    program.object, to: program.binary, modules: library.modules, stubs: library.stubs,
                    library: library.folder)
                program.isLinked = linked?.succeeded == true
            }
            return program
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
    }

    /// Runs the note's blocks; `precompiled`, its main program compiled by `precompile`, is
    /// linked instead of compiled again (and its folder removed).
    public func run(_ note: Note) -> NoteRun {
        run(note, precompiled: nil)
    }

    func run(_ note: Note, precompiled: PrecompiledProgram?) -> NoteRun {
        var run = NoteRun(blocks: Array(repeating: BlockResult(), count: note.blocks.count), messages: [])
        let normal = Self.mainBlocks(of: note)
        do {
            try execute(normal, of: note, into: &run, expectingFailure: false, precompiled: precompiled)
            for block in note.blocks where block.options.shouldFail {
                let before = normal.filter { $0.index < block.index }
                try execute(before + [block], of: note, into: &run, expectingFailure: true)
            }
        } catch {
            // The machine failed us (a full disk, the compiler, a lost output): say so on every
            // block; the run is not cached (these ids are not reproducible).
            let failure = error as? ExecutionFailure
            let summary = failure?.description ?? "the note's program could not be run: \(FailureReason.of(error))"
            for index in run.blocks.indices where run.blocks[index].failure == nil {
                run.blocks[index].failure = BlockFailure(
                    kind: .compile, message: "notesgen could not run the note: \(summary)")
            }
            run.messages.append(
                NoteRun.Message(
                    block: note.blocks.first?.index ?? 0, lineInBlock: nil, column: nil, severity: .error,
                    summary: summary, id: failure?.id ?? .blockRun, details: failure?.details))
        }
        return run
    }

    /// Compiles and runs `blocks` as one program. With `expectingFailure`, the last block is a
    /// `should-fail` block: its failure is its result, and only its results are recorded.
    ///
    /// When the program does not compile, the blocks before the first one in error are compiled
    /// and run on their own, so the page shows their results as a notebook would.
    private func execute(
        _ blocks: [SwiftAttnBlock], of note: Note, into run: inout NoteRun, expectingFailure: Bool,
        recordsCompilerMessages: Bool = true, precompiled: PrecompiledProgram? = nil
    ) throws {
        guard !blocks.isEmpty else { return }
        let folder = precompiled?.folder ?? workFolder.appendingPathComponent("\(note.slug)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = Program(blocks: blocks, expectingFailure: expectingFailure)

        let binary = Self.binary(in: folder)
        let compile: ChildProcess.Result
        if let precompiled {
            compile = precompiled.compile
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            compile = try self.compile(program, of: note, to: binary)
        }
        let compilerOutput = String(decoding: compile.stderr + compile.stdout, as: UTF8.self)
        if compile.timedOut {
            throw ExecutionFailure.compileTimedOut(seconds: compileTimeout)
        }
        let messages = CompilerMessage.parse(compilerOutput).filter { $0.file == note.path }
        if !compile.succeeded
            && !messages.contains(where: { $0.severity == .error && program.block(containing: $0.line) != nil })
        {
            // The compiler failed without blaming a block: a broken library, a full disk, a
            // crash. Running again may well succeed, so it is not the note's result.
            throw ExecutionFailure.compilerFailed(output: compilerOutput)
        }
        if recordsCompilerMessages { record(messages, of: program, into: &run) }
        guard compile.succeeded else {
            recordCompileFailure(of: program, messages: messages, into: &run)
            if !expectingFailure, let first = Self.firstFailingBlock(of: program, messages: messages) {
                let before = blocks.filter { $0.index < first.index }
                try execute(before, of: note, into: &run, expectingFailure: false, recordsCompilerMessages: false)
            }
            return
        }
        if let precompiled, !precompiled.isLinked {
            try link(precompiled)
        }

        let resultsFile = folder.appendingPathComponent("results.jsonl")
        var child = try runProgram(binary, of: program, resultsFile: resultsFile, in: folder)
        if let precompiled, precompiled.isLinked, child.missedASymbolAtStart {
            // Linked early, against the stub, it needs a symbol the library lacks: the link
            // against the library says so as it would have in one step.
            try? FileManager.default.removeItem(at: resultsFile)
            try link(precompiled)
            child = try runProgram(binary, of: program, resultsFile: resultsFile, in: folder)
        }
        let outcome = try ProgramOutcome.read(resultsFile: resultsFile, child: child)
        let trapLine = TrapLocation.line(
            frames: outcome.trapFrames, binary: binary, notePath: note.path, toolchain: toolchain)
        recordRun(of: program, in: note, child: child, outcome: outcome, trapLine: trapLine, into: &run)
    }

    /// Where a program's binary is in its work folder.
    static func binary(in folder: URL) -> URL {
        folder.appendingPathComponent("note")
    }

    /// Links a precompiled program against the built library.
    private func link(_ precompiled: PrecompiledProgram) throws {
        let linked = try compiler.link(precompiled.object, to: precompiled.binary, library: library.folder)
        if linked.timedOut { throw ExecutionFailure.compileTimedOut(seconds: compileTimeout) }
        guard linked.succeeded else {
            throw ExecutionFailure.compilerFailed(
                output: String(decoding: linked.stderr + linked.stdout, as: UTF8.self))
        }
    }

    /// The blocks compiled into one program, and whose results it records.
    private struct Program {
        var blocks: [SwiftAttnBlock]
        /// The last block is a `should-fail` block.
        var expectingFailure: Bool
        var last: SwiftAttnBlock { blocks[blocks.count - 1] }
        /// A should-fail block's program only records that block: the others ran in the note's
        /// main program.
        var recorded: [SwiftAttnBlock] { expectingFailure ? [last] : blocks }

        func block(containing line: Int) -> SwiftAttnBlock? {
            blocks.first { $0.contains(line: line) }
        }
    }

    private func compile(_ program: Program, of note: Note, to binary: URL) throws -> ChildProcess.Result {
        let source = binary.deletingLastPathComponent().appendingPathComponent("main.swift")
        try Data(ProgramGenerator.program(for: program.blocks, notePath: note.path).utf8).write(to: source)
        return try compiler.compileAndLink(source, to: binary, library: library.folder)
    }

    /// Errors and warnings, each attached to the block whose line it names.
    private func record(_ messages: [CompilerMessage], of program: Program, into run: inout NoteRun) {
        for message in messages where message.severity != .note {
            guard let block = program.block(containing: message.line),
                program.recorded.contains(where: { $0.index == block.index })
            else { continue }
            run.messages.append(
                NoteRun.Message(
                    block: block.index, lineInBlock: message.line - block.firstCodeLine, column: message.column,
                    severity: message.severity == .error ? .error : .warning, summary: message.text,
                    id: .blockCompile,
                    details: message.excerpt.isEmpty ? nil : message.excerpt.joined(separator: "\n"),
                    isExpected: program.expectingFailure))
        }
    }

    /// The first block the compiler reported an error in.
    private static func firstFailingBlock(of program: Program, messages: [CompilerMessage]) -> SwiftAttnBlock? {
        messages.filter { $0.severity == .error }.compactMap { program.block(containing: $0.line) }
            .min { $0.index < $1.index }
    }

    /// The blocks in error get their errors; the blocks after the first of them were not run.
    /// The blocks before it are run on their own (see `execute`).
    private func recordCompileFailure(of program: Program, messages: [CompilerMessage], into run: inout NoteRun) {
        let failing = Set(
            messages.filter { $0.severity == .error }.compactMap { program.block(containing: $0.line)?.index })
        if program.expectingFailure {
            // The errors are filled in from the recorded compiler messages (`NoteRun.resolved`).
            run.blocks[program.last.index].expectedFailure = BlockFailure(kind: .compile, message: "")
            return
        }
        guard let first = Self.firstFailingBlock(of: program, messages: messages) else { return }
        for block in program.blocks where block.index >= first.index {
            run.blocks[block.index].failure =
                failing.contains(block.index)
                ? BlockFailure(kind: .compile, message: "")
                : BlockFailure(
                    kind: .notRun, message: "not run: the block at line \(first.range.start.line) does not compile")
        }
    }

    private func runProgram(
        _ binary: URL, of program: Program, resultsFile: URL, in folder: URL
    ) throws -> ChildProcess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment[ResultEvent.environmentVariable] = resultsFile.path
        // A trap's message is all notesgen shows; the backtracer would only slow the crash down.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let explicitLimits = program.blocks.compactMap(\.options.timeout).reduce(0, +)
        let watchdog = BlockWatchdog(resultsFile: resultsFile, blocks: program.blocks)
        return try ChildProcess.run(
            executable: binary, arguments: [], environment: environment, workingDirectory: folder,
            timeout: noteTimeout + explicitLimits, shouldKill: { watchdog.blockOverran() },
            // A program stopped for running too long first reports where it was (TrapReporter).
            warning: SIGTRAP)
    }

    /// What each block showed, and the failure of the block that was running when the program
    /// trapped or was stopped.
    private func recordRun(
        of program: Program, in note: Note, child: ChildProcess.Result, outcome: ProgramOutcome, trapLine: Int?,
        into run: inout NoteRun
    ) {
        let last = program.last
        for block in program.recorded where outcome.started.contains(block.index) {
            run.blocks[block.index].outputs = outcome.outputs[block.index, default: []]
        }
        if outcome.completed && child.succeeded {
            if program.expectingFailure {
                run.blocks[last.index].failure = BlockFailure(
                    kind: .unexpectedSuccess, message: "this should-fail block compiled and ran without failing")
                run.messages.append(
                    NoteRun.Message(
                        block: last.index, lineInBlock: nil, column: nil, severity: .error,
                        summary: "block marked should-fail compiled and ran without failing", id: .blockShouldFail))
            }
            return
        }
        let culprit = outcome.lastStarted ?? program.blocks[0].index
        let failure: BlockFailure
        let summary: String
        if child.timedOut {
            let limit = note.blocks[culprit].options.timeout ?? noteTimeout
            summary = "block ran longer than \(Self.seconds(limit))"
            failure = BlockFailure(kind: .timeout, message: summary)
        } else {
            let message = TrapMessage.extract(from: String(decoding: child.stderr, as: UTF8.self), status: child)
            summary = "block trapped: \(message)"
            failure = BlockFailure(kind: .trap, message: message)
        }
        if program.expectingFailure && !child.timedOut {
            if culprit == last.index {
                run.blocks[last.index].expectedFailure = failure
            } else {
                run.blocks[last.index].failure = BlockFailure(
                    kind: .notRun, message: "not run: an earlier block failed")
            }
            return
        }
        run.blocks[culprit].failure = failure
        // The line the program trapped at, or was running when it was stopped, when its debug
        // information names one in this block.
        let block = note.blocks[culprit]
        let lineInBlock = trapLine.flatMap { block.contains(line: $0) ? $0 - block.firstCodeLine : nil }
        run.messages.append(
            NoteRun.Message(
                block: culprit, lineInBlock: lineInBlock, column: nil, severity: .error,
                summary: summary,
                id: child.timedOut ? .blockTimeout : .blockTrap,
                details: Self.printedText(outcome.outputs[culprit, default: []])))
        for block in program.blocks where block.index > culprit {
            run.blocks[block.index].failure = BlockFailure(
                kind: .notRun, message: "not run: the block at line \(note.blocks[culprit].range.start.line) failed")
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// The last lines a failing block printed, to show with its failure.
    private static func printedText(_ outputs: [BlockOutput]) -> String? {
        let printed = outputs.map { output -> String in
            if case .text(let text) = output { return text }
            return ""
        }.joined()
        let lines = printed.split(separator: "\n").suffix(10)
        return lines.isEmpty ? nil : "  the block printed:\n" + lines.map { "    \($0)" }.joined(separator: "\n")
    }
}

/// A note's main program compiled (`NoteExecutor.precompile`) while the library is being built.
struct PrecompiledProgram: Sendable {
    /// The program's work folder: its source, its object file, its binary and results.
    var folder: URL
    var object: URL
    /// What the compiler said: its errors are the note's, as in a one-step compile.
    var compile: ChildProcess.Result
    /// Whether `binary` is linked already (against the stub); if not, it is linked when the
    /// library is done.
    var isLinked = false
    var binary: URL { NoteExecutor.binary(in: folder) }
}

/// A library being built, as the notes compiled meanwhile see it (`LibraryBuild`).
struct LibraryInProgress: Sendable {
    /// The modules to compile against, and the libraries built so far.
    var modules: URL
    /// The stub `libAttention.so` to link against.
    var stubs: URL
    /// Where the library will be when the notes run.
    var folder: URL
}

extension ChildProcess.Result {
    /// The dynamic loader could not start the program: a symbol it needs is in no library.
    var missedASymbolAtStart: Bool {
        !wasSignalled && status == 127 && String(decoding: stderr, as: UTF8.self).contains("symbol lookup error")
    }
}
