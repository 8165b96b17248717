import NotesKit

NotesgenCommand.main()
